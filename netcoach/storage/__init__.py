"""The store: the only code that touches the data folder."""
