"""The phonebook: caller names for numbers however they are written.

Nothing of Home Assistant here, as in cti/: `phonebook_store` keeps the
phonebook in Home Assistant's storage and names the callers.
"""
