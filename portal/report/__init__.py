"""The annual report sections (IRO Handbook 7.11) drafted from the portal's
own stored data, for any reporting year (1 April to 31 March), as a web page,
a Word document and CSV tables."""
