// Relay tests live here.
