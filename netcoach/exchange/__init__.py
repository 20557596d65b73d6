"""Exchange: importers (LinkedIn, vCard, Google) and exporters."""
