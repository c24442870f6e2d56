Console.WriteLine("devkafka");
