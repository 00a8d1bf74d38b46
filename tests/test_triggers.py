from sitrep.stages.frames import select_triggers
from sitrep.stages.triggers import find_triggers, validate_triggers


def kinds(text):
    return [t.key for t in select_triggers(find_triggers(text))]


def test_lexicon_is_valid():
    assert validate_triggers() == []


def test_specific_weapon_wins_over_generic_attack():
    assert kinds("Rebels killed four guards in a mortar attack on the depot") == [
        ("explosions_remote_violence", "shelling_artillery_missile_attack")]


def test_territory_change_replaces_the_fighting_that_led_to_it():
    assert kinds("Militiamen seized the town after heavy fighting") == [("battles", "@territory")]


def test_suicide_car_bomb_is_a_suicide_bomb():
    assert ("explosions_remote_violence", "suicide_bomb") in kinds("a suicide car bomb hit the checkpoint")


def test_displacement_gives_one_trigger_per_sentence():
    assert kinds("Families fled and were evacuated to camps") == [("displacement", "evacuation")]


def test_ordinary_sentences_have_no_trigger():
    assert kinds("The minister visited the new school and met teachers.") == []


def test_storms_is_a_trigger_only_as_a_force_storming_a_named_place():
    from sitrep.stages.triggers import find_triggers
    def words(text):
        return [text[t.start:t.end] for t in find_triggers(text)]
    assert words("SDF storms Hajin") == ["storms"]
    assert words("ISIS storms the Old City") == ["storms"]
    assert words("Winter Storms Batter Coast") == [] and words("storms hit the region") == []


def _subs(text: str) -> set[str]:
    return {t.sub_event_type for t in find_triggers(text)}


def test_crowds_that_burn_or_stone_are_rioting():
    assert "violent_demonstration" in _subs("Opposition supporters clashed with police, throwing stones at officers.")
    assert "violent_demonstration" in _subs("Demonstrators set fire to the town hall.")
    assert "violent_demonstration" not in _subs("Demonstrators were attacked by unknown men.")


def test_bombs_dropped_from_drones_are_strikes_and_truck_bombs_are_explosives():
    assert "air_drone_strike" in _subs("Militants used small drones to drop bombs on the market.")
    assert "remote_explosive_landmine_ied" in _subs("A truck bomb went off outside the barracks.")
