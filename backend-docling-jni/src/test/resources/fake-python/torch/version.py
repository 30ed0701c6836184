cuda = "12.8"
hip = None
