print("sealpost-relay: not built yet")
