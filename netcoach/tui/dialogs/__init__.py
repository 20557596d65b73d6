"""The app's dialogs (modal screens), one a file: each is a typed ModalScreen[T], and Esc backs out unchanged."""
