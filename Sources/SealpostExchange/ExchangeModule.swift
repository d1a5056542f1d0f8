// The client side of an exchange; see spec/relay.md.
