"""A local stand-in for the outlets' sites: pages rendered from article records,
served on 127.0.0.1, in the page structure docs/sources.md describes."""
