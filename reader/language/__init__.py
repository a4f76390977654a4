"""Language: how words are analysed for the index, and quotations with who said them."""
