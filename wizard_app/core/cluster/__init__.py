"""Plans for running one model on another machine or on several joined by llama.cpp's RPC
backend: the split, the speed and the exact commands to start it."""
