"""Streamlit helpers for the dashboard: URL state, cached data access, i18n, safe RTL rendering.

This package (with ``streamlit_app.py`` and ``pages/``) is the only place that imports streamlit
or caches; ``analysis/`` stays plain Python.
"""
