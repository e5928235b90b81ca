module example.com/chat-token-example

go 1.19
