package core

func extract(text string) Input { return Input{} }
