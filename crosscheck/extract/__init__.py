"""Pure parsers the checks share: dates, numbers, names, titles, quotes and speakers, places,
polarity."""
