"""The Textual interface: a thin shell over :class:`reader.library.Library`."""
