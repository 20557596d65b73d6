"""The coach: templates, hints, drafts, checklist, worries, evidence."""
