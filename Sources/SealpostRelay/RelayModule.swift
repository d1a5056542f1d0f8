// The relay library; see spec/relay.md.
