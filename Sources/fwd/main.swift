print("fwd")
