"""Data layer: the data contract, reading and validating a data folder, kit.toml, and the
importers that turn SSB, Statistikkbanken, Kolada and spreadsheet files into a data folder.

May import: the standard library, pandas, numpy, openpyxl and `kitlib.errors`; nothing
of the layers above (analysis, report, batch, cli).
"""
