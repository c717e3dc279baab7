Console.WriteLine("miroir: usage: miroir node|dev|serve|ctl ...");
return 2;
