// Loaded by directives.dib through a path relative to the notebook's folder.
string Shout(string text) => text.ToUpperInvariant() + "!";
