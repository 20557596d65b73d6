"""The full-screen app (Textual). Screens call the domain layer and hold no business rules."""
