/// Ordinary English words, written for this project: common vocabulary plus the words of
/// safeguarding referrals. A capitalised word in this list is not taken for a name without
/// context, and a listed person's name part in this list must be capitalised to match.
/// Inflections are recognised by `Morphology`, so mostly base forms are listed.
enum EnglishWords {
    static let list = """
        a able about above absence absent abuse abused abusive accept accepted access accident accommodation according
        account accused achieve across act action actions active activity actual actually add added addition additional
        address adequate adult adults advice advise advised affect affected afraid after afternoon again against age
        aged agency ago agree agreed agreement ahead aid aim air alarm alcohol alert alive all allegation allegations
        alleged allow allowed almost alone along already also although always among amount an and anger angry animal
        ankle annual another answer anti anxiety anxious any anybody anyone anything anyway anywhere apart apparent
        apparently appear appearance appeared apply appointment appropriate approach area areas arm arms around arrange
        arranged arrest arrested arrival arrive arrived art article as ask asked asleep assault assaulted assess
        assessed assessment assist assistance assistant at attempt attempted attend attendance attended attention
        attitude aunt authority available average avoid awake aware away awful baby back background bad badly bag
        balance ball band bank bar base based basic basis bath bathroom be bear beat beaten beating beautiful because
        become bed bedroom beer been before began begin beginning behalf behave behaviour behind being belief believe
        believed belong below belt benefit benefits beside best better between beyond big bike bill bin birth birthday
        bit bite black blame blanket bleeding blood blow blue board boat body bone book booked born borrow boss both
        bottle bottom bought bound box boy brain break breakfast breath breathing bring broke broken brother brought
        bruise bruised bruises bruising brush budget build building built bully bullying burn burned bus business busy
        but buy by cake call called calm came camera can cancel cancelled cannot capacity car card care career careful
        carer carers carry case cash cat catch caught cause caused ceiling cell centre certain chair chance change
        changed channel charge charged chat check checked cheek chest child childhood children chip choice choose chose
        church circumstances claim claimed class clean clear clearly click close closed clothes clothing club coat code
        coffee cold collect collected college colour come comfort comfortable coming comment comments common communicate
        communication community company complain complaint complete completed concern concerned concerning concerns
        condition conduct conference confident confirm confirmed conflict consent consider considered constant contact
        contacted content context continue continued contract control conversation convicted conviction cook cooking
        cool cope copy corner correct cost could council counselling count country couple course court cousin cover
        covered crack crash crazy create credit crime criminal crisis cross crowd cruel cry crying cup current currently
        custody cut cuts cutting dad daily damage damp danger dangerous dark data date daughter day days dead deal
        dealing death debt decide decided decision deep definitely degree delay deliver demand denied deny department
        depressed depression describe described description designated despite detail details develop development
        diagnosis did die died diet difference different difficult difficulties difficulty dinner direct directly dirty
        disabled disability disclose disclosed disclosure discuss discussed discussion disorder distress distressed
        district do doctor dog doing domestic done door doubt down drama draw dream dress drink drinking drive driving
        drop dropped drug drugs drunk dry due during duty each ear earlier early earn easily east easy eat eating
        education effect effort either elder else email emergency emotional emotionally employment empty encourage end
        ended ending enough ensure enter entire entry environment episode equipment escape especially even evening event
        events eventually ever every everybody everyone everything evidence exact exactly exam example excluded
        exclusion excuse exercise expect expected experience explain explained exploitation exploited express extended
        extra extremely eye eyes face facilities fact fail failed fair fall fallen false familiar family far fast father
        fault fear fed feed feel feeling feelings fell felt female few field fight fighting figure file fill final
        finally financial find fine finger finish finished fire first fit five fix flat floor food foot for force forced
        form formal forward found four free friend friendly friends from front full fully fun funding further future
        gain game games gang garden gas gate gave general generally get getting girl give given giving glass go goal
        going gone good got government grab grabbed grade great green grew ground group grow growing guard guardian
        guess guilty gun had hair half hall hand handle hands hang happen happened happening happy hard harm harmed has
        hate have having he head health healthy hear heard hearing heart heat heavy held help helped helpful her here
        herself hide high him himself his history hit hold holding hole holiday home homeless honest hope hospital hot
        hour hours house household housing how however huge human hungry hurt husband idea identified identify if ill
        illness image immediate immediately impact important improve improved in incident incidents include included
        including increase increased independent indicate indicated individual information injured injuries injury
        inside instead intention interest interested interview into involve involved involvement issue issues it item
        its itself job join joined joint joke judge jump just keen keep keeping kept key kick kicked kid kids kill
        killed kind kitchen knee knew knife knock knocked know knowledge known lack lady language large last late later
        laugh law lead leader learn learning least leave leaving led left leg legal less lesson lessons let letter level
        lie life light like likely limited line link list listen little live lived lives living local lock locked long
        look looked looking lose loss lost lot loud love low lower lunch made main mainly maintain major make making
        male man manage managed management manager many mark market married material matter may maybe me meal mean
        meaning means meant measure media medical medication meet meeting member members memory mental mention mentioned
        message messages met method middle might mind mine minute minutes miss missed missing mistake mobile moment
        money month months mood more morning most mother mouth move moved movement much mum music must my myself name
        nap narrative nature near nearly necessary neck need needed needs neglect neighbour neither nervous never new
        news next nice night nine no nobody noise none normal normally nose not note noted notes nothing notice noticed
        now number nurse object obvious obviously occasion occur occurred odd of off offence offer offered office
        officer often oh okay old on once one online only onto open opened opinion opportunity option or order other
        others otherwise our out outcome outside over overnight own page paid pain paint pair panic paper parent
        parental parents park part partner party pass passed past pay peace people per perhaps period person personal
        phone photo photos physical physically pick picked picture piece place plan planned planning play played playing
        please pocket point police policy poor position positive possible possibly post power practice practitioner
        pregnancy pregnant prepare present pressure pretty prevent previous previously price primary prison private
        probably problem problems process produce professional professionals program progress promise proper property
        protect protected protection protective provide provided public pull punch punched purpose push pushed put
        quality question questions quick quickly quiet quite raise raised ran range rather reach read ready real really
        reason reasons receive received recent recently record recorded red refer referral referred refuse refused
        regarding regular regularly relationship relationships relative relatives release remain remember remove removed
        rent repeat repeated replied report reported reports request requested require required respect respond response
        responsibility rest result return returned review right risk road role room rough round routine rude rule rules
        run running sad safe safeguarding safely safety said same save saw say saying scared school screaming second
        secondary secret section see seeing seem seemed seen self sell send sense sent separate separated serious
        seriously service services session set settle seven several severe sex sexual sexually shake shall shape share
        shared she shed shirt shock shoes shop short should shoulder shout shouted shouting show showed shower shut
        sibling siblings sick side sign signed significant similar simple since single sister sit site situation six
        size skin sleep sleeping slept slightly small smell smelled smelt smoke smoking so social some somebody someone
        something sometimes somewhere son soon sorry sort sound source space speak speaking special speech spend spent
        spoke spoken staff stage stairs stand standard start started state stated statement station stay stayed step
        still stop stopped store story straight strange stranger street stress stressed strong struggle struggling
        student stuff subject substance such suggest suggested suicidal suicide summer supervision supply support
        supported sure surgery surprise suspect suspected swear table take taken taking talk talked talking tea teacher
        team tear tears teeth telephone tell telling temper ten term terms test text texted texts than thank that the
        their them themselves then there therefore these they thing things think thinking third this those though
        thought threat threaten threatened threatening three through throw throwing thrown time times tired to today
        together toilet told tomorrow tonight too took top total touch touched towards town toy toys track training
        transport trauma travel treat treatment tried trouble true trust truth try trying turn turned two type under
        understand understanding unit unknown unless unsafe until unwell up upon upset urgent us use used usual usually
        various very victim view violence violent visit visited visiting visitor voice wait waiting walk walked walking
        wall want wanted war ward warm was wash watch watching water way we weapon wear week weekend weekly weeks weight
        welfare well went were wet what whatever when where whether which while white who whole why wife will window
        wish with within without witness woman women word words work worked worker working worried worry worse worst
        would wound write written wrong year years yelled yes yesterday yet you young your yourself youth ability abroad
        absolutely academic accepting accessed accompanied accurate accusation accusing achievement acknowledge acted
        acting actively activities addiction addictive additionally adequately adjacent admission admitted adolescent
        adopted adoption adverse advocate affair afterwards agencies aggression aggressive aggressively agitated
        agreeing alarmed alcoholic alerted allegedly allergy alongside altercation alternative amber ambulance amongst
        ample anonymous anonymously answered antisocial apologise apologised appalling appeal applied appointments
        appreciate apprentice approached approval approximately argue argued arguing argument arguments arise arose
        arranging arrangements arrears arrests arriving ashamed aside asking aspect assaulting assaults assembly
        assessments assigned assisted associated assume assumed assured attached attachment attacked attacking
        attempting attendee attending attitudes audio authorities autism autistic avoiding awaiting awareness
        babysitting backed backpack bailed balcony banging banned barely battered bearing bedtime befriended begged
        behaved behaviours beings believes belongings bench beneath bereavement bet bites biting blamed blanked bleed
        blocked blocking blossom boyfriend bottles bounce bracelet bravely breach breakdown breaking breaks brief
        briefly brilliant broadly brushed buggy bullied bump bumps bunk burglary burning burnt buses buzzer cafe calling
        calmed camp canteen capable caretaker caring carpet carried carrying cases casual catching categories cautioned
        celebrate certainly chain challenge challenging changing chaotic charity chased chasing chatting cheap cheating
        checking cheeks chemist chocolate choking chronic chronology cigarette cigarettes circle cited citizen claims
        clarify clarity classes classroom cleaned cleaner clinic closely closer clothed cloths coach cocaine coerced
        coercion coercive cohabiting collecting collection colleague colleagues combined comforted commenced commented
        committed communicated compliant comply concealed concentrate concentrating concluded concluding conducted
        confided confidential confirming confused confusion connected consented consequences considering consistent
        consistently constantly consultant contacting contained continues continuing contraception controlling
        conversations convinced cooked cooperate cooperative coordinator copied corridor cot cough counsellor counted
        couples courtesy covering crashed crawling created creating credible cried criminality crisp crisps criticised
        crossed crowded crushed cupboard cupboards curfew curtain curtains cycle cyberbullying dancing dared dates
        dating deadline dealer dealers dealt dear debts decline declined decorating deemed defensive delayed
        deliberately delivered delivering demanded demanding demeanour dental dentist departure depend dependent deputy
        derogatory deserve desk detached deteriorated deterioration determined diabetes diagnosed diary differently
        dinnertime dirt disabilities disagreement disappeared discharge discharged disclosing disclosures discovered
        disgusting dishevelled dismissed disorderly dispute disrespectful disruptive distant distracted distressing
        disturbed disturbing divorce divorced dizzy documented documents dogs doorstep doorway dose doubled downstairs
        dragged drank drawing drawings drew dried drinks driven driver drove drowsy drowned drunken duration dwelling
        eaten educational elderly electric electricity elsewhere embarrassed emerged emotion emotions employed
        encouraged endangered energy engage engaged engagement engaging enjoy enjoyed enquiries enquiry entered entrance
        errand escalated escalating escort established estate estranged eviction evident exaggerate examination examined
        excessive excessively exchange excited exclude expelled experienced experiencing explaining explicit exploit
        exposed exposure extent extreme facebook faced facial factor factors fairly faith faithful fancy favourite
        fearful fears feature fee feeding fees fellow fence fever filled filthy finance findings fines fingers firm fist
        fitness fled flight flinched floors flu focus focused follow followed following foods forget forgot forgotten
        formally former formerly forms fortnight forum fostered foster fracture fractured frame frank freezing frequent
        frequently fridge friendship frightened frightening frustrated frustration funeral furious furniture gaming
        gangs gap gathered gender generous gentle genuine gesture gestures gifts glad glasses gloves gosh gossip
        grabbing gradually grandparents grant grateful grave grief grip groomed grooming grounds grumpy guidance guilt
        habit haircut handed handled handling hanging happier harassment harmful hatred haven hazard headache
        headteacher healed heating height helping helpline hence hiding highlight highlighted hindsight hiring hitting
        homework honestly hood hooded hopefully hostile hostility hug hugged humiliated hunger hurting hygiene
        hyperactive identity ignore ignored ignoring illegal immigration impaired implied importance impression
        inappropriate inappropriately incoherent income inconsistent indecent independently indication indications
        infant infection inform informal informed initial initially initiated injection injure injuring innocent inquiry
        insisted instance instances instructed instruction insulted intake intend intended intensive intent interaction
        interactions interim internet intervene intervention intimidated intimidating intoxicated introduced investigate
        investigated investigation invited invoice involving isolated isolation jacket jealous jealousy jewellery jobs
        joking journey judgement jumped junior justice keys kicking killing kindly kissed kissing knickers knives
        knocking label laptop latest laughed laughing laundry lawyer laying lazy leaflet learned learnt leaves lecture
        leisure lent lethargic letters liaise liaised licence lied lies lifestyle lifted lighter likewise limbs limit
        lip lips listened listening literally loan lodger logged lonely loose lorry loudly lounge loved lovely loving
        lying mail maintained manner marked marks mate mattress meals meantime meanwhile medically medicine memories
        menacing menstrual mentally mess messy midnight midwife mild minor minors misbehaving miserable misuse mixed
        mocked moderate monitor monitored monitoring moody mop mosque motivated mouldy movements multi multiple mumbled
        murder muscle naked named names nappy nappies nasty naughty nearby neat necessarily needle needles negative
        neglected neglectful nephew network neutral newborn nicotine niece nightmares noises noisy nominated nonetheless
        notably noticeably notification notified numbers nursery obese observation observations observed obtain obtained
        occasionally occasions offended offender offending officers officially older ongoing opening openly operation
        opposite oral ordinary organisation organised outburst outbursts outfit outline outlined overall overcrowded
        overdose overheard overly overwhelmed owed owner pack package paediatric paediatrician painful pale panicked
        pants paracetamol parenting parked parking partial participate particular particularly partners passport patient
        patients pattern patterns peer peers pending penis perception perform performance permanent permission
        persistent personally perspective pet phoned photograph photographs pills pinch pinched pizza placed placement
        plain plate players playground pleaded pleasant poisoning polite poorly pornography possession possessions
        potential potty poverty practical prayer precise preferred prescribed prescription presence presented presenting
        pressured pretend prevented prior priority privacy probation procedure proceed proceedings products promised
        prompt prompted promptly proof properly proportionate prosecution prostitution proud provision psychiatric
        psychologist puberty pulled pulling punching punishment pupil pupils purchased pushing pyjamas quarrel query
        queried questioned quietly radiator rage raising rang rash rated rating reaction readily reassured rebellious
        recall recalled receipt reception recognise recognised recommend recommended reconciled records recovering
        recovery reduced referrer refusal regard regret reinforced reiterated rejected relating relation relations
        relaxed relayed released relief reluctant reluctantly remaining remained remand remarks reminded remorse removal
        renewed reoffend repair repeatedly replaced replying reporting represent reputation rescue resident residential
        resilience resist resolved resources respite responded responses responsible restrained restraint restricted
        results resumed retaliated retrieved returning revealed reviewed reward ribs rid ride riding rights ring ringing
        risky rival robbery rocking rolled romantic roof roughly rubbish ruined rumours runaway rushed sadly safer
        salary sanction sarcastic scar scarf scars scheduled scratch scratched scratches screamed screen searched seat
        secretly secure security sedated seeking seized selfharm semi sending senior sensitive sentence separately serve
        served setting settled severity sexting shaking sharing sheet shelter shift shocked shook shopping shoved
        showing shy signs silence silent silly singing sitting skipped slap slapped slapping sleepover slurred smacked
        smacking smashed smelling smiling snack sneaked sober sofa soiled solicitor solid somewhat sore sought sounded
        sources specific specifically speeding spinning spite spotted stab stabbed staffing stained stairwell stalking
        stamp starving statutory stealing steps stick stole stolen stomach stood stopping stories strangled strangers
        strategy strict strictly struck struggled stuck studies substances suffered suffering sufficient suggests
        suitable sunday supermarket supervised supervising supportive supposed surely surname surrounded suspended
        suspicion suspicious swearing sweets swelling swollen sympathetic symptoms tablet tablets tackled tackling
        tantrum tantrums target targeted task taunted taxi teachers teaching tearful teased teasing teenage teenager
        teenagers temporary tenancy tense tension terrified texting thanks thereafter threats tidy tight toddler toe
        toilets tone topic touching towel toxic tracked traffic traumatic treated trigger trip truancy truant trusted tv
        twice twin twins typically unable unaware uncertain unclear unconscious underage underneath underwear unemployed
        unexplained unhappy uniform unkempt unlikely unpaid unreasonable unreliable unsupervised untidy unusual upstairs
        urine usage vaccination valid verbal verbally victimised video videos viewed villain visibly visitors vomit
        vomiting vulnerable wages waking wandering warned warning warnings washed washing wasted watched weapons wearing
        weed weird welcomed wellbeing whatsapp whereabouts whilst whispered whoever wider willing windows wine wiped
        withdrawn witnessed woke worn worrying wounds wrist wrists yard yelling younger youngest accent accounted ache
        adamant admit agenda anniversary announced apology appetite apple apron ash attic autumn avenue awkward baked
        bakery balloon banana bandage barefoot basket battery beach beard bedding believing bell beloved berry bias
        bicycle birds biscuit blessing blind blonde boiling bold bolt bonus boot boots border bored boring bow bowl
        brave bread breast bridge bright broom brown bubble bucket bull bunch burger bush butter button cabinet cage
        calendar candle candy cap capital captain carbon cardboard careless carrot cartoon castle caution cave cereal
        certificate chalk champion charm chart cheese cherry chicken chin chips choir chopped circus clap clay cliff
        climb clock cloud clue coal coast coin collar comedy comic cord cottage cotton couch counter cow crab craft
        crane cream crew crib crown crust cuddle curly custard daisy dance danced dawn debate deer desert dessert
        diamond dice dig dish doll dolphin donkey dot drawer drill drum duck dust eagle earth egg elbow elephant engine
        envelope eyebrow fabric factory fame farm farmer feather ferry festival fiction film fish fishing flag flame
        flash fleet flesh flower flowers fly foam fog folder folk forest fork fountain fox frog fruit fuel garage gem
        giant gift ginger glove glue goat gold golden golf goose grape grass gravy grease grin guitar gum hammer hamster
        harbour hat hawk hay heel helmet hen herb hero hill hive honey hook horn horse hose hotel hut ice icon ink
        insect iron island ivory ivy jam jar jaw jelly jewel joy juice jungle kettle kite kitten knot lace ladder lake
        lamb lamp lane lap lawn leaf leather lemon lens lid lily lion liver lizard loaf log lolly magic magnet mango map
        marble mask mat meadow melon mercy metal mile milk mill mint mirror mole monkey moon moss moth motor mountain
        mouse mud mug nail nest net nut oak ocean olive onion orange oven owl paddle palace palm pan pancake panda
        parcel parrot pasta patch path paw pea peach pear pearl pebble pen pencil penny pepper piano pie pig pigeon
        pillow pin pine pink pipe pit plant plastic plum pond pony pool porch pot potato pound powder prince princess
        pudding pump pumpkin puppet puppy purple puzzle queen rabbit rail rain rainbow rat raven reed ribbon rice river
        robin rock rocket rod rope rose ruby rug salad salt sand sandwich sauce sausage scale scissors sea seal seed
        shadow sheep shell shelf ship shore silk silver sink skirt sky slide slipper snail snake snow soap sock soldier
        soup spade spider sponge spoon spring square squirrel star steam steel stem stone stool storm stove straw
        strawberry stream string sugar suit sun swan sweater sweet swing sword tail tank tape tent thread thumb ticket
        tiger tile toast tomato tongue tool tooth torch tower tractor train tray treasure tree truck trumpet tub tunnel
        turkey turtle umbrella valley van vase vegetable vest village vine violet wagon wallet wand wasp wave wax web
        wheel whistle wig wind wing winter wire witch wolf wool worm yarn yoghurt zip zoo agent angel arrow baker bishop
        butler carter chambers cooper crow dean drake fisher fletcher ford frost gill graves hardy hart heath hunter
        joiner knight lord marsh mason miller nash palmer parsons piper porter potter rush savage sharp shepherd skinner
        slater smart spencer steward swift tanner tucker turner walker warden waters weaver wells west wise wood woods
        wren wright king grey gray noble rich bird fields banks bond brook burns chase coates cole dyer english fairy
        finch fry gale hale hare holly jolly north parks peacock pike pope rivers salmon sands south stark summers
        thorn vale wade wild winters yeoman monday tuesday wednesday thursday friday saturday mummy mom mommy
        daddy nan nanny gran grandma grandad stepdad stepmum outcomes summary dob tel n/a nil tbc
        therapy therapist therapies therapeutic foodbank speech language parenting course coordinator practitioner
        paediatrics psychiatry psychology counsellor counselling occupational physiotherapy audiology optometry
        dietitian dietician midwifery obstetrics gynaecology neonatal antenatal postnatal perinatal immunisation
        vaccination safeguarding designated deputy headteacher headmaster headmistress principal governor governors
        chair trustee trustees inspector inspection tribunal magistrates magistrate crown custody bail remand probation
        sentence conviction caution warrant injunction order orders protection prohibited steps residence contact
        special guardianship adoption fostering kinship respite placement placements residential leaving care
        aftercare personal advisor advocate advocacy interpreter translator chaplain volunteer mentor befriender
        youth worker caseworker keyworker key outreach helpline hotline duty triage screening referral threshold
        strategy discussion section enquiry assessment conference core group review panel plan pathway
        """
}
