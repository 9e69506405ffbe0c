"""Pure parsers the checks share: names, titles, quotes and speakers, places, polarity."""
