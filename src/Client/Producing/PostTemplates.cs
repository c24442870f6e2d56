namespace Orleans.Saga.Client.Producing;

/// <summary>
/// Short fan posts with slots for zero to three character names. The fixed words must not contain any character's
/// name, or an event would mention more than it was written to (the generator's tests check this against the
/// shipped characters file).
/// </summary>
public static class PostTemplates
{
    public static readonly IReadOnlyList<IReadOnlyList<string>> ByMentions =
    [
        [
            "Anyone else rewatching everything this weekend?",
            "No spoilers please, I am only halfway through!",
            "That soundtrack still gives me chills.",
            "Marathon night: snacks ready, phone off.",
            "Which film should I show my kids first?",
            "The practical effects in the old ones hold up so well.",
        ],
        [
            "{0} is the best character, fight me.",
            "Just rewatched the scene with {0} and I'm crying again.",
            "Why does nobody talk about {0}?",
            "{0} deserved so much better.",
            "Cosplaying as {0} this year, wish me luck!",
            "Hot take: {0} was right all along.",
            "every time {0} shows up the whole film gets better",
        ],
        [
            "{0} and {1} in the same scene = perfection.",
            "Unpopular opinion: {1} is more interesting than {0}.",
            "Still not over what happened between {0} and {1}.",
            "Who would win, {0} or {1}?",
            "The friendship of {0} and {1} is the heart of the story.",
        ],
        [
            "{0}, {1} and {2}: the trio we needed.",
            "Ranking them: {0} > {1} > {2}. Discuss.",
            "Spin-off idea: {0} and {1} on a road trip, {2} driving.",
            "My top three: {0}, {1}, {2}.",
        ],
    ];
}
