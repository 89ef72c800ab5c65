"""Controllers: each holds the journal and one page.

A controller turns the page's requests into service calls and gives it its state.
"""
