using System.Text;

namespace Orleans.Saga.Domain.Tests.Characters;

/// <summary>The mention rule written as plainly as possible: one ordinal search per name, to check the matcher against.</summary>
internal static class NaiveMentionFinder
{
    public static List<int> Find(IReadOnlyList<string> names, string text)
    {
        var foldedText = Fold(text);
        var found = new List<int>();
        for (var id = 0; id < names.Count; id++)
        {
            var name = Fold(names[id]);
            for (var at = foldedText.IndexOf(name, StringComparison.Ordinal);
                 at >= 0;
                 at = at + 1 < foldedText.Length ? foldedText.IndexOf(name, at + 1, StringComparison.Ordinal) : -1)
            {
                if (!LetterOrDigitBefore(text, at) && !LetterOrDigitAfter(text, at + name.Length))
                {
                    found.Add(id);
                    break;
                }
            }
        }

        return found;
    }

    private static string Fold(string value)
    {
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = char.ToUpperInvariant(chars[i]);
        }

        return new string(chars);
    }

    private static bool LetterOrDigitBefore(string text, int index)
    {
        if (index == 0)
        {
            return false;
        }

        if (index >= 2 && char.IsSurrogatePair(text[index - 2], text[index - 1]))
        {
            return Rune.IsLetterOrDigit(new Rune(text[index - 2], text[index - 1]));
        }

        return !char.IsSurrogate(text[index - 1]) && Rune.IsLetterOrDigit(new Rune(text[index - 1]));
    }

    private static bool LetterOrDigitAfter(string text, int index)
    {
        if (index >= text.Length)
        {
            return false;
        }

        if (index + 1 < text.Length && char.IsSurrogatePair(text[index], text[index + 1]))
        {
            return Rune.IsLetterOrDigit(new Rune(text[index], text[index + 1]));
        }

        return !char.IsSurrogate(text[index]) && Rune.IsLetterOrDigit(new Rune(text[index]));
    }
}
