package core

// Extract finds the inputs in text pasted from anywhere. See extract.go.
func Extract(text string) Input {
	return extract(text)
}
