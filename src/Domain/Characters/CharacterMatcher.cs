using System.Buffers;
using System.Numerics;
using System.Text;

namespace Orleans.Saga.Domain.Characters;

/// <summary>
/// Finds which of a fixed list of names a text mentions. A name is mentioned when it occurs
/// case-insensitively with no Unicode letter or digit immediately before or after it; every name is
/// matched on its own, so overlapping names ("Harry", "Harry Potter") are all reported. Names are plain
/// text: no character has a special meaning.
/// </summary>
/// <remarks>
/// The names form a trie, walked from each position a mention may start at: one not preceded by a letter
/// or digit. Inside words nothing is looked up, so a typical text costs a trie step or two per word,
/// whatever the number of names. Case folding is <see cref="char.ToUpperInvariant(char)"/> per UTF-16
/// unit, which keeps lengths, so positions in the folded text are positions in the original. (Cased
/// letters outside the BMP therefore match case-sensitively.) The trie is immutable: one instance serves
/// concurrent callers.
/// </remarks>
public sealed class CharacterMatcher
{
    // The root is nobody's child, so a child lookup that finds nothing returns it.
    private const int Root = 0;

    private readonly string[] _names;

    // The root has a child for most first letters and starts every walk: a dense table.
    private readonly int[] _rootNext;

    // Other nodes have few children: compact rows of a sorted edge table (children of n are
    // [_childStart[n], _childStart[n + 1])).
    private readonly int[] _childStart;
    private readonly char[] _childKeys;
    private readonly int[] _childNodes;

    // The names that end at node n are _outputs[_outputStart[n].._outputStart[n + 1]].
    private readonly int[] _outputStart;
    private readonly int[] _outputs;

    public CharacterMatcher(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);

        _names = new string[names.Count];
        var edges = new Dictionary<long, int>();
        var endings = new List<(int Node, int Name)>(names.Count);
        var nodeCount = 1;
        for (var id = 0; id < names.Count; id++)
        {
            var name = names[id];
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException($"Name #{id} is null or empty.", nameof(names));
            }

            _names[id] = name;
            var node = Root;
            foreach (var c in name)
            {
                var key = EdgeKey(node, Fold(c));
                if (!edges.TryGetValue(key, out var child))
                {
                    child = nodeCount++;
                    edges.Add(key, child);
                }

                node = child;
            }

            endings.Add((node, id));
        }

        // Sorting the edge keys orders edges by parent, then by character: the compact rows.
        var keys = edges.Keys.ToArray();
        Array.Sort(keys);
        _childStart = new int[nodeCount + 1];
        _childKeys = new char[keys.Length];
        _childNodes = new int[keys.Length];
        _rootNext = new int[char.MaxValue + 1];
        for (var i = 0; i < keys.Length; i++)
        {
            var parent = (int)(keys[i] >> 16);
            var c = (char)(keys[i] & 0xFFFF);
            _childStart[parent + 1]++;
            _childKeys[i] = c;
            _childNodes[i] = edges[keys[i]];
            if (parent == Root)
            {
                _rootNext[c] = _childNodes[i];
            }
        }

        for (var n = 0; n < nodeCount; n++)
        {
            _childStart[n + 1] += _childStart[n];
        }

        endings.Sort();
        _outputStart = new int[nodeCount + 1];
        _outputs = new int[endings.Count];
        for (var i = 0; i < endings.Count; i++)
        {
            _outputStart[endings[i].Node + 1]++;
            _outputs[i] = endings[i].Name;
        }

        for (var n = 0; n < nodeCount; n++)
        {
            _outputStart[n + 1] += _outputStart[n];
        }

    }

    /// <summary>The number of names; ids are 0..Count-1, indices into the list given to the constructor.</summary>
    public int Count => _names.Length;

    public string NameOf(int id) => _names[id];

    /// <summary>Replaces the contents of <paramref name="into"/> with the ids of the mentioned names, ascending.</summary>
    public void FindMentions(ReadOnlySpan<char> text, List<int> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();

        var words = (_names.Length + 63) >> 6;
        var rented = ArrayPool<ulong>.Shared.Rent(words);
        try
        {
            var seen = rented.AsSpan(0, words);
            seen.Clear();
            if (Scan(text, seen) == 0)
            {
                return;
            }

            for (var w = 0; w < seen.Length; w++)
            {
                for (var bits = seen[w]; bits != 0; bits &= bits - 1)
                {
                    into.Add((w << 6) + BitOperations.TrailingZeroCount(bits));
                }
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rented);
        }
    }

    /// <summary>The mentioned names, in id order.</summary>
    public IReadOnlyList<string> FindMentions(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>();
        FindMentions(text.AsSpan(), ids);
        return ids.ConvertAll(id => _names[id]);
    }

    /// <summary>Marks every mentioned name in <paramref name="seen"/> (a bit per id) and returns how many.</summary>
    private int Scan(ReadOnlySpan<char> text, Span<ulong> seen)
    {
        var found = 0;
        for (var start = 0; start < text.Length; start++)
        {
            if (!MayStartMention(text, start))
            {
                continue;
            }

            var node = _rootNext[Fold(text[start])];
            for (var end = start + 1; node != Root; end++)
            {
                for (var o = _outputStart[node]; o < _outputStart[node + 1]; o++)
                {
                    var id = _outputs[o];
                    ref var word = ref seen[id >> 6];
                    var bit = 1UL << (id & 63);
                    if ((word & bit) != 0 || !MayEndMention(text, end))
                    {
                        continue;
                    }

                    word |= bit;
                    if (++found == _names.Length)
                    {
                        return found;
                    }
                }

                if (end == text.Length)
                {
                    break;
                }

                node = Child(node, Fold(text[end]));
            }
        }

        return found;
    }

    /// <summary>The child of <paramref name="node"/> along <paramref name="c"/>, or <see cref="Root"/> if there is none.</summary>
    private int Child(int node, char c)
    {
        for (int e = _childStart[node], end = _childStart[node + 1]; e < end; e++)
        {
            if (_childKeys[e] == c)
            {
                return _childNodes[e];
            }
        }

        return Root;
    }

    /// <summary>True when no letter or digit ends right before <paramref name="start"/>.</summary>
    private static bool MayStartMention(ReadOnlySpan<char> text, int start)
    {
        if (start == 0)
        {
            return true;
        }

        var before = text[start - 1];
        if (char.IsAscii(before))
        {
            return !char.IsAsciiLetterOrDigit(before);
        }

        return Rune.DecodeLastFromUtf16(text[..start], out var rune, out _) != OperationStatus.Done || !Rune.IsLetterOrDigit(rune);
    }

    /// <summary>True when no letter or digit starts at <paramref name="end"/>.</summary>
    private static bool MayEndMention(ReadOnlySpan<char> text, int end)
    {
        if (end == text.Length)
        {
            return true;
        }

        var after = text[end];
        if (char.IsAscii(after))
        {
            return !char.IsAsciiLetterOrDigit(after);
        }

        return Rune.DecodeFromUtf16(text[end..], out var rune, out _) != OperationStatus.Done || !Rune.IsLetterOrDigit(rune);
    }

    private static char Fold(char c) => char.ToUpperInvariant(c);

    private static long EdgeKey(int parent, char c) => ((long)parent << 16) | c;
}
