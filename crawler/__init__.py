"""Scrapy crawler: config-driven discovery and extraction of the outlets' articles."""
