"""Arabic news analysis: loading, cleaning, tokenisation, frequencies, quotes and entities.

Plain Python + pandas; never imports streamlit. ``python -m analysis --help`` for the CLI.
"""

__version__ = "0.1.0"
