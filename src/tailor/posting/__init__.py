"""Bytes to a clean posting: read a file or stdin, decode its format, clean its names."""
