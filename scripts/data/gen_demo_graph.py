#!/usr/bin/env python3
"""Generate the `movie` demo graph (GES import format) into demo/movie/.

Writes schema.xml (GES metadata XML), vertices.csv and edges.csv (headerless CSV, properties in
the order the schema declares them, list values separated by ';'). Deterministic: a fixed seed
and only the Python standard library, so re-running it reproduces the committed files byte for
byte.

    python3 scripts/data/gen_demo_graph.py [--out DIR]

Shape (DECISIONS.md "The demo graph"): vertex labels user, movie, actor, director, genre; edge
labels rate (user -> movie), friends (user -> user), hasActor (movie -> actor), hasDirector
(movie -> director), hasGenre (movie -> genre).
"""

import argparse
import csv
import datetime
import itertools
import os
import random

SEED = 20240523
USERS = 2000
MOVIES = 1000
ACTORS = 800
DIRECTORS = 200
RATINGS = 24000
FRIENDSHIPS = 6000
ACTORS_PER_MOVIE = 4

FEMALE = """Abigail Ada Alice Amelia Anna Aria Audrey Ava Beatrice Bella Camila Chloe Claire Clara
Daisy Eleanor Elena Eliza Ella Emily Emma Eva Evelyn Fiona Grace Hannah Harper Hazel Iris Isabel
Ivy Jade Julia June Kate Laura Layla Leah Lily Lucy Luna Maya Mia Mila Nana Naomi Nora Olivia
Paula Penelope Quinn Rose Ruby Sarah Sofia Stella Vivian Zoe""".split()

MALE = """Aaron Adam Alan Albert Alex Andrew Arthur Ben Caleb Carl Charles Daniel David Dylan Eli
Eric Ethan Felix Frank George Henry Hugo Isaac Jack Jacob James Jason Jonah Julian Kevin Leo Liam
Logan Lucas Luke Mark Martin Mason Max Michael Miles Nathan Noah Oliver Oscar Owen Paul Peter
Ryan Samuel Sidney Simon Thomas Victor Walter William Zach""".split()

LAST = """Adams Allen Alvarez Anderson Bailey Baker Barnes Bell Bennett Brooks Brown Bryant Butler
Campbell Carter Chen Clark Collins Cook Cooper Cox Davis Diaz Edwards Evans Fisher Flores Foster
Garcia Gomez Gonzalez Gray Green Griffin Hall Harris Hayes Hill Howard Hughes Jackson James
Jenkins Johnson Jones Kelly Kim King Lee Lewis Long Lopez Martin Martinez Miller Mitchell Moore
Morgan Morris Murphy Myers Nelson Nguyen Ortiz Parker Patel Perez Perry Peterson Phillips Powell
Price Ramirez Reed Reyes Richardson Rivera Roberts Robinson Rogers Ross Russell Sanders Scott
Silva Smith Stewart Sullivan Taylor Thomas Thompson Torres Turner Walker Ward Watson White
Williams Wilson Wood Wright Young""".split()

# MovieLens-1M user attributes, as in the GES movie demo (seed 004's example).
AGES = ["Under 18", "18-24", "25-34", "35-44", "45-49", "50-55", "56+"]
AGE_WEIGHTS = [4, 18, 35, 20, 9, 8, 6]
OCCUPATIONS = """other or not specified|academic/educator|artist|clerical/admin|college/grad student|
customer service|doctor/health care|executive/managerial|farmer|homemaker|K-12 student|lawyer|
programmer|retired|sales/marketing|scientist|self-employed|technician/engineer|
tradesman/craftsman|unemployed|writer""".replace("\n", "").split("|")

# MovieLens genres; ids avoid '-' (it breaks Gremlin, REFERENCE 7.2).
GENRES = """Action Adventure Animation Children Comedy Crime Documentary Drama Fantasy Film_Noir
Horror Musical Mystery Romance Science_Fiction Thriller War Western""".split()
GENRES = [g.replace("_", " ") for g in GENRES]
GENRE_WEIGHTS = [9, 5, 2, 3, 12, 5, 2, 16, 2, 1, 5, 2, 3, 6, 4, 7, 2, 1]

ADJECTIVES = """Silent Hidden Broken Golden Lost Last Dark Bright Wild Quiet Crimson Frozen
Burning Distant Endless Forgotten Secret Lonely Savage Gentle Iron Silver Midnight Electric
Velvet Hollow Northern Eternal Restless Fading Sudden Perfect Little Great Strange Final""".split()

NOUNS = """River Road City Heart Garden Storm Summer Winter Shadow Kingdom Highway Island Dream
Promise Horizon Harbor Mirror Letter Crown Signal Echo Frontier Valley Orchard Lighthouse Circus
Empire Voyage Station Canyon Forest Desert Ocean Thunder Engine Secret Angel Stranger Detective
Soldier Queen King Ghost Witness Dancer Hunter Pilot Runner""".split()

PLACES = """Paris Tokyo Berlin Cairo Rome Lisbon Boston Chicago Sydney Havana Vienna Dublin
Madrid Prague Oslo Seoul Memphis Denver Nairobi Montreal""".split()

SCHEMA_XML = """<?xml version="1.0" encoding="ISO-8859-1"?>
<PMML version="3.0" xmlns="http://www.dmg.org/PMML-3-0" xmlns:xsi="http://www.w3.org/2001/XMLSchema_instance">
  <labels>
    <label name="user">
      <properties>
        <property name="Name" cardinality="single" dataType="string"/>
        <property name="Gender" cardinality="single" dataType="enum" typeNameCount="2" typeName1="F" typeName2="M"/>
        <property name="Age" cardinality="single" dataType="string"/>
        <property name="Occupation" cardinality="single" dataType="string"/>
        <property name="Zip-code" cardinality="single" dataType="char array" maxDataSize="12"/>
      </properties>
    </label>
    <label name="movie">
      <properties>
        <property name="Title" cardinality="single" dataType="string"/>
        <property name="Year" cardinality="single" dataType="int"/>
        <property name="Genres" cardinality="list" dataType="string"/>
      </properties>
    </label>
    <label name="actor">
      <properties>
        <property name="Name" cardinality="single" dataType="string"/>
        <property name="Gender" cardinality="single" dataType="enum" typeNameCount="2" typeName1="F" typeName2="M"/>
      </properties>
    </label>
    <label name="director">
      <properties>
        <property name="Name" cardinality="single" dataType="string"/>
      </properties>
    </label>
    <label name="genre">
      <properties>
        <property name="Name" cardinality="single" dataType="string"/>
      </properties>
    </label>
    <label name="rate">
      <properties>
        <property name="Score" cardinality="single" dataType="int"/>
        <property name="Datetime" cardinality="single" dataType="date"/>
      </properties>
    </label>
    <label name="friends"></label>
    <label name="hasActor"></label>
    <label name="hasDirector"></label>
    <label name="hasGenre"></label>
  </labels>
</PMML>
"""


class Ids:
    """Vertex ids are unique across all labels."""

    def __init__(self):
        self.used = set()

    def take(self, make):
        while True:
            name = make()
            if name not in self.used:
                self.used.add(name)
                return name


def zipf_cum_weights(n, s, rng):
    """Cumulative Zipf-like weights in random order (for rng.choices(cum_weights=...))."""
    weights = [1.0 / (i + 1) ** s for i in range(n)]
    rng.shuffle(weights)
    return list(itertools.accumulate(weights))


def person(rng, ids):
    gender = rng.choice("FM")
    first = rng.choice(FEMALE if gender == "F" else MALE)
    return gender, ids.take(lambda: f"{first} {rng.choice(LAST)}")


def title(rng):
    pattern = rng.randrange(8)
    adj, noun, noun2 = rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(NOUNS)
    if pattern == 0:
        return f"The {adj} {noun}"
    if pattern == 1:
        return f"{noun} of {rng.choice(PLACES)}"
    if pattern == 2:
        return f"{adj} {noun}"
    if pattern == 3:
        return f"The {noun} and the {noun2}"
    if pattern == 4:
        return f"Return of the {adj} {noun}"
    if pattern == 5:
        return f"{rng.choice(FEMALE + MALE)}'s {noun}"
    if pattern == 6:
        # A comma exercises CSV quoting.
        return f"{noun}, {adj} {noun2}"
    return f"A {noun} in {rng.choice(PLACES)}"


def generate(rng):
    ids = Ids()
    vertices, edges = [], []

    genres = [ids.take(lambda g=g: g) for g in GENRES]

    users = []
    for _ in range(USERS):
        gender, name = person(rng, ids)
        age = rng.choices(AGES, AGE_WEIGHTS)[0]
        zip_code = f"{rng.randrange(1000, 99999):05d}"
        users.append(name)
        vertices.append([name, "user", name, gender, age, rng.choice(OCCUPATIONS), zip_code])

    movies, movie_genres = [], []
    for _ in range(MOVIES):
        name = ids.take(lambda: title(rng))
        year = int(rng.triangular(1950, 2023, 2005))
        k = rng.choices([1, 2, 3], [35, 45, 20])[0]
        chosen = []
        while len(chosen) < k:
            g = rng.choices(genres, GENRE_WEIGHTS)[0]
            if g not in chosen:
                chosen.append(g)
        movies.append(name)
        movie_genres.append(chosen)
        vertices.append([name, "movie", name, str(year), ";".join(chosen)])

    actors = []
    for _ in range(ACTORS):
        gender, name = person(rng, ids)
        actors.append(name)
        vertices.append([name, "actor", name, gender])

    directors = []
    for _ in range(DIRECTORS):
        _, name = person(rng, ids)
        directors.append(name)
        vertices.append([name, "director", name])

    for g in genres:
        vertices.append([g, "genre", g])

    # rate: popular movies and active users get more ratings; one rating per (user, movie).
    movie_w = zipf_cum_weights(MOVIES, 0.8, rng)
    user_w = zipf_cum_weights(USERS, 0.6, rng)
    start = datetime.datetime(2000, 4, 25)
    span = int((datetime.datetime(2003, 2, 28) - start).total_seconds())
    rated = set()
    while len(rated) < RATINGS:
        u = rng.choices(range(USERS), cum_weights=user_w)[0]
        m = rng.choices(range(MOVIES), cum_weights=movie_w)[0]
        if (u, m) in rated:
            continue
        rated.add((u, m))
        score = rng.choices([1, 2, 3, 4, 5], [6, 11, 26, 35, 22])[0]
        when = start + datetime.timedelta(seconds=rng.randrange(span))
        edges.append([users[u], movies[m], "rate", str(score), when.strftime("%Y-%m-%d %H:%M:%S")])

    # friends: mostly within a neighbourhood of 50 users (communities), some across.
    friends = set()
    while len(friends) < FRIENDSHIPS:
        u = rng.randrange(USERS)
        v = (u + rng.randint(1, 50)) % USERS if rng.random() < 0.8 else rng.randrange(USERS)
        if u == v or (u, v) in friends or (v, u) in friends:
            continue
        friends.add((u, v))
        edges.append([users[u], users[v], "friends"])

    actor_w = zipf_cum_weights(ACTORS, 0.7, rng)
    for m, name in enumerate(movies):
        cast = set()
        while len(cast) < ACTORS_PER_MOVIE:
            cast.add(rng.choices(range(ACTORS), cum_weights=actor_w)[0])
        for a in sorted(cast):
            edges.append([name, actors[a], "hasActor"])
    for name in movies:
        edges.append([name, rng.choice(directors), "hasDirector"])
    for name, chosen in zip(movies, movie_genres):
        for g in chosen:
            edges.append([name, g, "hasGenre"])

    return vertices, edges


def write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerows(rows)


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(root, "demo", "movie"))
    args = parser.parse_args()

    vertices, edges = generate(random.Random(SEED))
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "schema.xml"), "w", encoding="ascii") as f:
        f.write(SCHEMA_XML)
    write_csv(os.path.join(args.out, "vertices.csv"), vertices)
    write_csv(os.path.join(args.out, "edges.csv"), edges)

    count = lambda rows, col: {r[col]: 0 for r in rows}  # noqa: E731 (keeps label order)
    v, e = count(vertices, 1), count(edges, 2)
    for r in vertices:
        v[r[1]] += 1
    for r in edges:
        e[r[2]] += 1
    print(f"wrote {args.out}: {len(vertices)} vertices {v}, {len(edges)} edges {e}")


if __name__ == "__main__":
    main()
