"""The model: contacts, interactions, the words for them, light views, text hygiene. Imports nothing else of netcoach."""
