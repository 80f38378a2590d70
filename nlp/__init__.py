"""Pure Vietnamese text functions: normalisation and word segmentation."""
