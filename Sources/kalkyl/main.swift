print("kalkyl")
