namespace Orleans.Saga.DevKafka;

/// <summary>A topic as the cluster reports it.</summary>
internal sealed record TopicInfo(string Name, int Partitions);
