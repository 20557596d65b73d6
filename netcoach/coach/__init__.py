"""The coach: message templates (placeholders, the template language, loading, rendering), hints, drafts,
the checklist and worries, the evidence; and how the user's files change netcoach's bundled ones (bundled)."""
