"""The model: contacts, interactions, the words for them, the validated field types, light views, the shape the
timing engine reads (readable), text hygiene. Imports nothing else of netcoach."""
