"""The app's own widgets and the pieces of Rich Text they draw."""
