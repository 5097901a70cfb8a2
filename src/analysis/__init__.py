"""Text analysis of the GOV.UK Government Digital Strategy progress reports (2012 to 2015)."""

__version__ = "0.1.0"
