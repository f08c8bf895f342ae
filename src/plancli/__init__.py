"""plancli: the 2015-2017 Kyrgyz anti-corruption action plan (decree No. 170) as validated data."""

__version__ = "0.1.0"
