"""Qt widgets of the desk. The only layer that imports Qt; it calls services, never SQL."""
