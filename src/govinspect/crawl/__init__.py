"""Crawling: the only room that talks to the network."""
