"""The reports are built from the registers; they keep no tables of their own."""
