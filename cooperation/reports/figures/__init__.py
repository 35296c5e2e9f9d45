"""The annual follow-up's figures, one module per concern, each computed in the database in a fixed number of queries.

Every function takes the year and `units`: None for the whole municipality, a body (nämnd or company board) for its
units, or units; and returns plain data (dicts, lists, numbers, dates). The report (`content.py`) and the start
page's "Portföljen i korthet" read the same functions.
"""
