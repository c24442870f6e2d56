namespace Orleans.Saga.Persistence.MySql;

/// <summary>One ranked character of a (window, label): a row to write.</summary>
/// <param name="Character">The character name, verbatim (at most 255 characters).</param>
/// <param name="Count">Mentions of the character in the window (<c>total_views_per_character</c>).</param>
/// <param name="Rank">1-based rank within the window and label (<c>top_5</c>).</param>
public sealed record WindowRow(string Character, long Count, int Rank);
