"""The app's top-level screens, one a file: Today, Contacts, a contact, Draft, Checklist."""
