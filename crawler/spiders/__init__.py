"""The one config-driven spider."""
