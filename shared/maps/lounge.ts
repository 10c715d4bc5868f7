// "The Lounge": the default map. A reading corner, a sunken rug with sofas, a DJ booth with a dance
// floor, a bar with stools, two card tables and an arcade corner. One character per 32 px tile; the
// legend in ./tiles.ts says what each is and whether avatars can walk on it.
import type { MapDefinition } from "./tiles.ts";

export const loungeMap: MapDefinition = {
  id: "lounge",
  name: "The Lounge",
  tileSize: 32,
  rows: [
    "####WWWW########WWWW#######WWW##",
    "#KKKK..L..............L..DDDD.P#",
    "#..............................#",
    "#.S..S.....,,,,,,,,,....======.#",
    "#.......,,,,,,,,,,,,,,..======.#",
    "#.T..T..,,SSS,,,,,SSS,..======.#",
    "#.......,,,,,TTTT,,,,,..======.#",
    "#.S..S..,,,,,TTTT,,,,,..======.#",
    "#.......,,SSS,,,,,SSS,.........#",
    "#P........,,,,,,,,,,..........P#",
    "#..............................#",
    "#BBBBBBB.....................P.#",
    "#......B.......................#",
    "#.s.s..B.....P.....c.c....c.c..#",
    "#......B..........cCCc...cCCc..#",
    "#.s.s..B...........c.c....c.c..#",
    "#......B.......................#",
    "#AA...........,,,,,,.......FF..#",
    "#P............,,oo,,..........P#",
    "###############oo###############",
  ],
};
