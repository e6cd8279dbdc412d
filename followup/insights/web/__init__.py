"""The insights feature in the app: its page and the API's shapes, over the pure core."""
